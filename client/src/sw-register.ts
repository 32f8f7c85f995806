/** Registers the service worker and offers "new version ready — reload" when one is waiting. */
import { registerSW } from 'virtual:pwa-register';

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const update = registerSW({
    immediate: true,
    onNeedRefresh() {
      const bar = document.createElement('div');
      bar.className = 'banner';
      bar.setAttribute('role', 'status');
      bar.style.cssText = 'position:fixed;left:12px;right:12px;bottom:72px;z-index:20';
      bar.innerHTML = '<span>A new version of Vitals is ready.</span>';
      const button = document.createElement('button');
      button.className = 'button';
      button.textContent = 'Reload';
      button.onclick = () => void update(true);
      bar.append(button);
      document.body.append(bar);
    },
  });
}
