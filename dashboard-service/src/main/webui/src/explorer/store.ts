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

  /** Remembered only: what is on screen already shows it (e.g. a new, still empty row). */
  remember(): void {
    history.replaceState(null, '', stateToUrl(this.state));
  }

  /** A change to what the queries ask for, typed or picked: they run once typing pauses. */
  changed(): void {
    this.remember();
    this.runSoon();
  }

  /** A change of view (tab, samples' query or sort): runs at once. */
  runNow(): void {
    this.remember();
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
