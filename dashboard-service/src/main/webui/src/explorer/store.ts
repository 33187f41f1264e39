import { debounce } from '../dom';
import { type ExplorerState, stateFromUrl, stateToUrl } from '../state';

type Listener = () => void;

/**
 * The Explorer's one state and the three things a change can ask for: to be remembered in the URL, to re-run the
 * queries (at once, or after a pause in typing), or to redraw the query rows because rows came, went or moved.
 * Components change `state` in place and then call one of these; only the page listens.
 */
export class ExplorerStore {
  readonly state: ExplorerState = stateFromUrl(location.search);
  private readonly runs: Listener[] = [];
  private readonly reshapes: Listener[] = [];
  private readonly runSoon = debounce(() => this.runNow(), 400);

  /** The URL of the last run (at first, the page as opened): Back's destination. */
  private committed = stateToUrl(this.state);

  /** Remembered only: what is on screen already shows it (e.g. a new, still empty row). */
  remember(): void {
    history.replaceState(null, '', stateToUrl(this.state));
  }

  /**
   * A run is a step of history: the entry being edited goes back to what was last run and the new state is pushed,
   * so Back and Forward walk through what was run, not through every keystroke.
   */
  private commit(): void {
    const url = stateToUrl(this.state);
    if (url === this.committed) return;
    history.replaceState(null, '', this.committed);
    history.pushState(null, '', url);
    this.committed = url;
  }

  /** A change to what the queries ask for, typed or picked: they run once typing pauses. */
  changed(): void {
    this.remember();
    this.runSoon();
  }

  /** A change of view (tab, samples' query or sort): runs at once, a step Back returns from. */
  runNow(): void {
    this.commit();
    this.runs.forEach((listener) => listener());
  }

  /** Rows were added, removed or reordered. */
  reshaped(): void {
    this.reshapes.forEach((listener) => listener());
  }

  onRun(listener: Listener): void {
    this.runs.push(listener);
  }

  onReshape(listener: Listener): void {
    this.reshapes.push(listener);
  }
}
