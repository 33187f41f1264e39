import './styles.css';
import { channelsPage } from './alerts/channelsPage';
import { issuePage } from './alerts/issuePage';
import { issuesPage } from './alerts/issuesPage';
import { editMonitorPage, newMonitorPage } from './alerts/monitorForm';
import { monitorPage } from './alerts/monitorPage';
import { monitorsPage } from './alerts/monitorsPage';
import { silenceFormPage } from './alerts/silenceForm';
import { silencePage, silencesPage } from './alerts/silencesPage';
import { api, auth } from './api';
import { dashboardPage, dashboardsPage } from './dashboards';
import { errorBox, h } from './dom';
import { explorerPage } from './explorer/page';
import { navigate, route, startRouter } from './router';
import { savedQueriesPage } from './savedQueries';
import { traceSearchPage } from './traceSearch/page';
import { tracePage } from './traces';

const app = document.getElementById('app') as HTMLElement;
const nav = h('nav', { class: 'top' });
const main = h('main', {});
app.replaceChildren(nav, main);

function renderNav(): void {
  const link = (href: string, text: string) =>
    h('a', { href, 'data-link': '', class: location.pathname.startsWith(href) ? 'active' : '' }, text);
  nav.replaceChildren(h('span', { class: 'brand' }, 'appmetrics'),
    link('/explorer', 'Explorer'), link('/traces', 'Traces'), link('/dashboards', 'Dashboards'), link('/saved-queries', 'Saved queries'), link('/monitors', 'Alerts'),
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
// Alerting lives under /monitors, the one prefix of it that dashboard-service serves the app at.
route(/^\/monitors$/, guarded(monitorsPage));
route(/^\/monitors\/new$/, guarded(newMonitorPage));
route(/^\/monitors\/(?<id>\d+)$/, guarded(monitorPage));
route(/^\/monitors\/(?<id>\d+)\/edit$/, guarded(editMonitorPage));
route(/^\/monitors\/issues$/, guarded(issuesPage));
route(/^\/monitors\/issues\/(?<id>\d+)$/, guarded(issuePage));
route(/^\/monitors\/channels$/, guarded(channelsPage));
route(/^\/monitors\/silences$/, guarded(silencesPage));
route(/^\/monitors\/silences\/new$/, guarded(silenceFormPage));
route(/^\/monitors\/silences\/(?<id>\d+)$/, guarded(silencePage));
route(/^\/monitors\/silences\/(?<id>\d+)\/edit$/, guarded(silenceFormPage));
route(/^\/traces$/, guarded(traceSearchPage));
route(/^\/traces\/(?<traceId>[0-9a-fA-F]+)$/, guarded(tracePage));
startRouter(main, renderNav);
