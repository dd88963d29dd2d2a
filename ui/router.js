// A hash router: "#/home" shows ui/screens/home.js; "#/answer/12" shows ui/screens/answer.js with
// the parameter "12". Each screen module exports `render(container, params)`, which fills the
// container and may return a function that cleans up.

const screens = {
  home: () => import('./screens/home.js'),
  firm: () => import('./screens/firm.js'),
  answer: () => import('./screens/answer.js'),
  results: () => import('./screens/results.js'),
  history: () => import('./screens/history.js'),
  plan: () => import('./screens/plan.js'),
  report: () => import('./screens/report.js'),
  centre: () => import('./screens/centre.js'),
  settings: () => import('./screens/settings.js'),
};

// Screens reached from another screen light up the sidebar entry they belong to.
const sidebarEntry = { firm: 'home', answer: 'home', results: 'home' };

const DEFAULT_SCREEN = 'home';

let outlet = null;
let cleanup = null;
let renderCount = 0;

function routeParts() {
  return window.location.hash.replace(/^#\/?/, '').split('?')[0].split('/').filter(Boolean).map(decodeURIComponent);
}

/** The screen named by the address, e.g. "settings" for "#/settings"; unknown names give home. */
export function currentScreen() {
  const name = routeParts()[0];
  return Object.hasOwn(screens, name) ? name : DEFAULT_SCREEN;
}

/** The parameters after the screen name, e.g. ["12"] for "#/answer/12". */
export function currentParams() {
  return Object.hasOwn(screens, routeParts()[0]) ? routeParts().slice(1) : [];
}

/** Goes to a screen, e.g. navigate('answer', 12). */
export function navigate(name, ...params) {
  const hash = `#/${[name, ...params].map((p) => encodeURIComponent(String(p))).join('/')}`;
  if (window.location.hash === hash) renderCurrentScreen();
  else window.location.hash = hash;
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
  const params = currentParams();
  // A later navigation may finish loading first; only the latest one draws.
  const thisRender = ++renderCount;
  const screen = await screens[name]();
  if (thisRender !== renderCount) return;
  if (cleanup) cleanup();
  cleanup = null;
  // Each render draws into its own node: a render overtaken by a newer one while it waited for
  // data writes into a node that is no longer on the page.
  const body = document.createElement('div');
  body.className = 'screen-body';
  outlet.replaceChildren(body);
  outlet.dataset.screen = name;
  window.scrollTo(0, 0);
  markActiveLink(sidebarEntry[name] ?? name);
  const result = await screen.render(body, params);
  if (typeof result === 'function') {
    if (thisRender === renderCount) cleanup = result;
    else result();
  }
}

function markActiveLink(name) {
  for (const link of document.querySelectorAll('.nav-link[data-route]')) {
    if (link.dataset.route === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}
