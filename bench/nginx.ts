/**
 * A real nginx in front of the server under test, for the read tier's bench (bench/read-tier.ts):
 * the `proxy_cache` block of docs/operations.md on a temp directory and a free port, and the CPU
 * time its processes spend (from /proc). Not part of CI: `apt-get install -y nginx` on the bench machine.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, chmodSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sleep } from './common.js'

export interface Nginx { url: string; cpuMs(): number; stop(): void }

const freePort = () => new Promise<number>((resolve, reject) => {
  const probe = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
    const a = probe.address()
    probe.close(() => resolve(typeof a === 'object' && a ? a.port : 0))
  })
})

/** The cache block of docs/operations.md, in front of `upstream` (host:port). */
function config(dir: string, port: number, upstream: string): string {
  return `daemon off; worker_processes 1; pid ${dir}/nginx.pid; error_log ${dir}/error.log warn; user root;
events { worker_connections 16384; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=diemcau_public:10m max_size=1g inactive=1h use_temp_path=off;
  upstream diemcau { server ${upstream}; keepalive 32; }
  server {
    listen 127.0.0.1:${port} backlog=4096;
    location ~ ^/api/conferences/[^/]+/public/ {
      proxy_pass http://diemcau;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_cache diemcau_public;
      proxy_cache_key $http_authorization$request_uri;
      proxy_cache_lock on;
      proxy_cache_lock_timeout 5s;
      proxy_cache_use_stale updating;
      add_header X-Cache-Status $upstream_cache_status always;
    }
    location / { proxy_pass http://diemcau; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
`
}

/** Starts nginx (master and one worker) in front of `upstream`; null when nginx is not installed. */
export async function startNginx(upstream: string): Promise<Nginx | null> {
  if (spawnSync('nginx', ['-v']).error) return null
  const dir = mkdtempSync(path.join(tmpdir(), 'diemcau-nginx-'))
  chmodSync(dir, 0o755)
  const port = await freePort()
  writeFileSync(path.join(dir, 'nginx.conf'), config(dir, port, upstream))
  const child = spawn('nginx', ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: 'ignore' })
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) break
    await sleep(100)
  }
  /** nginx's processes: the master and the workers it forked. */
  const parentOf = (pid: string) => {
    try {
      return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]
    } catch {
      return undefined
    }
  }
  const pids = (): number[] => [child.pid ?? 0, ...readdirSync('/proc').filter((p) => /^\d+$/.test(p) && parentOf(p) === String(child.pid)).map(Number)]
  const ticks = (pid: number) => {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
      // utime and stime, fields 14 and 15 of stat: 12 and 13 after the name.
      return Number(f[11] ?? 0) + Number(f[12] ?? 0)
    } catch {
      return 0
    }
  }
  const hz = Number(spawnSync('getconf', ['CLK_TCK']).stdout.toString().trim() || 100)
  return {
    url,
    cpuMs: () => (pids().reduce((a, p) => a + ticks(p), 0) * 1000) / hz,
    stop: () => void child.kill('SIGQUIT'),
  }
}
