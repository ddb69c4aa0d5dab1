// Shown when something at the companion path answers with a `protocol` field but outside the
// protocol: none of its content is rendered, only what the validator found wrong. A different
// protocol number says which side to upgrade.

export function CompanionInvalid({
  problem,
  httpStatus,
  onRetry,
}: {
  problem: string;
  httpStatus: number;
  onRetry: () => void;
}) {
  return (
    <div class="sl-banner sl-banner-warn" role="alert" data-testid="companion-invalid">
      <strong>The companion's answer is not understood</strong> (HTTP {httpStatus}):{' '}
      <span data-testid="companion-invalid-problem">{problem}</span>. Nothing from it is shown.{' '}
      <button type="button" class="sl-link" data-testid="companion-retry" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
