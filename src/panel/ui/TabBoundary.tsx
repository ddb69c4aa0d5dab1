// Whatever goes wrong while one tab renders stays in that tab: the tab strip and the other tabs
// keep working (preact unmounts the whole tree on an uncaught render error otherwise). The
// message is shown as text; "Try again" renders the tab afresh.
import { Component, type ComponentChildren } from 'preact';

interface Props {
  /** Named in the message: "The Session tab failed to render". */
  label: string;
  children: ComponentChildren;
}

export class TabBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static override getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown) {
    // Kept in the DevTools console of the panel for a bug report; the tab shows the gist.
    console.error(`Sessionlens: the ${this.props.label} tab failed to render`, error);
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return (
      <div class="sl-banner sl-banner-error" role="alert" data-testid="tab-failed">
        The {this.props.label} tab failed to render: <span class="sl-mono">{error.message}</span>. The other
        tabs still work.{' '}
        <button type="button" class="sl-link" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
