import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Callout } from '../components/Callout';

interface State {
  error: Error | null;
}

/** Catches a rendering failure so the page says what happened instead of going blank. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('The page failed to render', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="page page-narrow" style={{ padding: 'var(--s5)' }}>
        <Callout tone="danger" title="This page hit a problem" role="alert" testId="error-boundary">
          <p>Something on this page failed to display: {this.state.error.message}</p>
          <p>Try again; if it keeps happening, reload the page. Nothing you saved is lost.</p>
          <div className="row">
            <button type="button" className="btn btn-sm" onClick={() => this.setState({ error: null })}>
              Try again
            </button>
            <button type="button" className="btn btn-sm" onClick={() => window.location.reload()}>
              Reload the page
            </button>
          </div>
        </Callout>
      </div>
    );
  }
}
