/** One page per role; the access token travels in the query string (?token=…). */
import { createRouter, createWebHistory } from 'vue-router'

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: () => import('./pages/HomePage.vue') },
    { path: '/host', component: () => import('./pages/HostPage.vue') },
    { path: '/site', component: () => import('./pages/SitePage.vue') },
    { path: '/sign', component: () => import('./pages/SignerPage.vue') },
    { path: '/view', component: () => import('./pages/ViewerPage.vue') },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})
