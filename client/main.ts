// Before anything that builds a schema: no `new Function` under the CSP (client/lib/csp.ts).
import './lib/csp.js'
// First: puts a reloaded tab's token back before the router reads the address (client/lib/token.ts).
import { hideTokenAfterNavigation } from './lib/token.js'
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import '@fontsource/be-vietnam-pro/400.css'
import '@fontsource/be-vietnam-pro/600.css'
import '@fontsource/be-vietnam-pro/700.css'
import './styles.css'
import App from './App.vue'
import { router } from './router.js'
import { i18n } from './i18n/index.js'

hideTokenAfterNavigation(router)
createApp(App).use(createPinia()).use(router).use(i18n).mount('#app')
