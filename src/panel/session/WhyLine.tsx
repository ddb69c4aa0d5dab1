// The first line of the Session tab: why the session is in the state it is in (core/diagnosis.ts),
// and the evidence under it, each fact saying where it comes from.
import type { Diagnosis } from '../../core/index';

export function WhyLine({ diagnosis }: { diagnosis: Diagnosis }) {
  return (
    <section
      class={`sl-why sl-why-${diagnosis.tone}`}
      data-testid="diagnosis"
      data-state={diagnosis.state}
      data-tone={diagnosis.tone}
      aria-label="Why the session is in this state"
    >
      <p class="sl-why-headline" data-testid="diagnosis-headline">
        {diagnosis.headline}
      </p>
      {diagnosis.detail && (
        <p class="sl-why-detail" data-testid="diagnosis-detail">
          {diagnosis.detail}
        </p>
      )}
      {diagnosis.evidence.length > 0 && (
        <ul class="sl-why-evidence" data-testid="diagnosis-evidence">
          {diagnosis.evidence.map((item) => (
            <li key={`${item.from}:${item.text}`} data-testid="diagnosis-fact" data-from={item.from}>
              <span class="sl-why-from">{item.from}</span>
              <span class={`sl-tone-${item.tone}`}>{item.text}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
