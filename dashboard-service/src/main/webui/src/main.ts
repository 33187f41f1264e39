import './styles.css';
import { api, auth } from './api';
import { dashboardPage, dashboardsPage } from './dashboards';
import { errorBox, h } from './dom';
import { explorerPage } from './explorer';
import { newMonitorPage } from './monitor';
import { navigate, route, startRouter } from './router';
import { savedQueriesPage } from './savedQueries';
import { tracePage } from './traces';

const app = document.getElementById('app') as HTMLElement;
const nav = h('nav', { class: 'top' });
const main = h('main', {});
app.replaceChildren(nav, main);

function renderNav(): void {
  const link = (href: string, text: string) =>
    h('a', { href, 'data-link': '', class: location.pathname.startsWith(href) ? 'active' : '' }, text);
  nav.replaceChildren(h('span', { class: 'brand' }, 'appmetrics'),
    link('/explorer', 'Explorer'), link('/dashboards', 'Dashboards'), link('/saved-queries', 'Saved queries'),
    h('span', { class: 'spacer' }),
    auth.token() ? h('button', { class: 'link', onClick: () => { auth.signOut(); navigate('/sign-in'); } }, 'Sign out') : '');
}

/** Sign-in is pasting an API token of the organization (the demo token is in .stack/demo.env). */
function signInPage(root: HTMLElement): void {
  const token = h('input', { id: 'token', type: 'password', placeholder: 'API token', autocomplete: 'off' });
  const result = h('div', {});
  const form = h('form', { class: 'sign-in' }, h('h2', {}, 'Sign in'),
    h('p', {}, 'Paste an API token of your organization with the read scope.'), token,
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'), result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    auth.signIn(token.value);
    try {
      await api.savedQueries('', 0, 1);
      const next = new URLSearchParams(location.search).get('next');
      navigate(next && next.startsWith('/') ? next : '/explorer');
    } catch (err) {
      auth.signOut();
      result.replaceChildren(errorBox((err as Error).message));
    }
  });
  root.replaceChildren(form);
}

function guarded(page: (root: HTMLElement, params: Record<string, string>) => void) {
  return (root: HTMLElement, params: Record<string, string>) => {
    if (!auth.token()) {
      navigate(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`);
      return;
    }
    page(root, params);
  };
}

route(/^\/sign-in$/, signInPage);
route(/^\/(explorer)?$/, guarded(explorerPage));
route(/^\/dashboards$/, guarded(dashboardsPage));
route(/^\/dashboards\/(?<id>\d+)$/, guarded(dashboardPage));
route(/^\/saved-queries$/, guarded(savedQueriesPage));
route(/^\/monitors\/new$/, guarded(newMonitorPage));
route(/^\/traces\/(?<traceId>[0-9a-fA-F]+)$/, guarded(tracePage));
startRouter(main, renderNav);
