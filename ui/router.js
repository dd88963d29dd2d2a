// A hash router: "#/home" shows ui/screens/home.js. Each screen module exports
// `render(container)`, which fills the container and may return a function that cleans up.

const screens = {
  home: () => import('./screens/home.js'),
  settings: () => import('./screens/settings.js'),
};

const DEFAULT_SCREEN = 'home';

let outlet = null;
let cleanup = null;
let renderCount = 0;

/** The screen named by the address, e.g. "settings" for "#/settings"; unknown names give home. */
export function currentScreen() {
  const name = window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return Object.hasOwn(screens, name) ? name : DEFAULT_SCREEN;
}

/** Starts listening to the address and shows the current screen in `container`. */
export function startRouter(container) {
  outlet = container;
  window.addEventListener('hashchange', () => renderCurrentScreen());
  return renderCurrentScreen();
}

/** Draws the current screen again, e.g. after the language changed. */
export async function renderCurrentScreen() {
  const name = currentScreen();
  // A later navigation may finish loading first; only the latest one draws.
  const thisRender = ++renderCount;
  const screen = await screens[name]();
  if (thisRender !== renderCount) return;
  if (cleanup) cleanup();
  cleanup = null;
  outlet.replaceChildren();
  outlet.dataset.screen = name;
  markActiveLink(name);
  const result = await screen.render(outlet);
  if (typeof result === 'function') cleanup = result;
}

function markActiveLink(name) {
  for (const link of document.querySelectorAll('.nav-link[data-route]')) {
    if (link.dataset.route === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}
