/** History-API routing: links marked data-link change the page without a reload; the server serves index.html. */
type Page = (root: HTMLElement, params: Record<string, string>) => void;

const routes: { pattern: RegExp; page: Page }[] = [];
let root: HTMLElement;
let onNavigate: () => void = () => {};

export function route(pattern: RegExp, page: Page): void {
  routes.push({ pattern, page });
}

export function navigate(url: string): void {
  history.pushState(null, '', url);
  render();
}

export function startRouter(element: HTMLElement, afterNavigate: () => void): void {
  root = element;
  onNavigate = afterNavigate;
  window.addEventListener('popstate', render);
  document.addEventListener('click', (e) => {
    const link = (e.target as Element).closest('a[data-link]') as HTMLAnchorElement | null;
    if (link && !e.ctrlKey && !e.metaKey && link.origin === location.origin) {
      e.preventDefault();
      navigate(link.pathname + link.search);
    }
  });
  render();
}

function render(): void {
  onNavigate();
  for (const { pattern, page } of routes) {
    const match = pattern.exec(location.pathname);
    if (match) {
      page(root, match.groups ?? {});
      return;
    }
  }
  root.replaceChildren(document.createTextNode('Page not found'));
}
