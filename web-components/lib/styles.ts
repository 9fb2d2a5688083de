import { css } from 'lit';

/**
 * Styles every page shares: cards, stat figures, status chips, empty and error states, toolbars. Colours
 * come from the theme's custom properties (dashboard.css), which inherit into every shadow root.
 */
export const sharedStyles = css`
  :host {
    display: block;
    min-width: 0;
  }
  * {
    box-sizing: border-box;
  }
  h1 {
    font-size: 1.15rem;
    margin: 0 0 0.75rem;
    font-weight: 600;
  }
  h2 {
    font-size: 0.72rem;
    font-weight: 600;
    letter-spacing: 0.06em;
    text-transform: uppercase;
    color: var(--hydra-muted);
    margin: 0 0 0.5rem;
  }
  section {
    margin: 0 0 1rem;
    min-width: 0;
  }
  .grid {
    display: grid;
    gap: 0.75rem;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 160px), 1fr));
  }
  .grid.wide {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 300px), 1fr));
  }
  .cols {
    display: grid;
    gap: 0.75rem;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
  }
  @media (max-width: 900px) {
    .cols {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .card {
    background: var(--hydra-surface);
    border: 1px solid var(--hydra-border);
    border-radius: 8px;
    padding: 0.75rem 0.9rem;
    min-width: 0;
  }
  .value {
    font-size: 1.45rem;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    line-height: 1.25;
    overflow-wrap: anywhere;
  }
  .sub {
    color: var(--hydra-muted);
    font-size: 0.8rem;
    margin-top: 0.15rem;
    overflow-wrap: anywhere;
  }
  .muted {
    color: var(--hydra-muted);
  }
  .mono,
  .num {
    font-variant-numeric: tabular-nums;
  }
  .mono {
    font-family: var(--hydra-mono);
    font-size: 0.85em;
  }
  .pos {
    color: var(--hydra-pos);
  }
  .neg {
    color: var(--hydra-neg);
  }
  .chip {
    display: inline-block;
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    font-size: 0.72rem;
    font-weight: 600;
    letter-spacing: 0.03em;
    border: 1px solid currentColor;
    white-space: nowrap;
    vertical-align: middle;
  }
  .chip.ok {
    color: var(--hydra-ok);
  }
  .chip.warn {
    color: var(--hydra-warn);
  }
  .chip.alert {
    color: var(--hydra-alert);
  }
  .chip.info {
    color: var(--hydra-accent);
  }
  .chip.none {
    color: var(--hydra-muted);
  }
  .empty {
    border: 1px dashed var(--hydra-border);
    border-radius: 8px;
    padding: 1rem;
    color: var(--hydra-muted);
    font-size: 0.9rem;
  }
  .empty strong {
    color: var(--hydra-text);
    display: block;
    margin-bottom: 0.25rem;
  }
  .error {
    border: 1px solid var(--hydra-alert);
    border-left-width: 4px;
    border-radius: 6px;
    padding: 0.6rem 0.8rem;
    font-size: 0.9rem;
    background: var(--hydra-alert-bg);
  }
  .error button {
    margin-left: 0.5rem;
  }
  .session-warnings {
    margin-bottom: 1rem;
  }
  .session-warnings ul {
    margin: 0.3rem 0 0;
    padding-left: 1.2rem;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
    margin-bottom: 0.75rem;
  }
  .toolbar label {
    display: flex;
    flex-direction: column;
    font-size: 0.72rem;
    color: var(--hydra-muted);
    gap: 0.15rem;
  }
  input,
  select,
  button {
    font: inherit;
    font-size: 0.9rem;
    color: var(--hydra-text);
    background: var(--hydra-surface-2);
    border: 1px solid var(--hydra-border);
    border-radius: 6px;
    padding: 0.3rem 0.55rem;
    min-height: 2rem;
  }
  input[type='date'] {
    color-scheme: var(--hydra-scheme);
  }
  button {
    cursor: pointer;
  }
  button:hover {
    border-color: var(--hydra-accent);
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  a:focus-visible {
    outline: 2px solid var(--hydra-accent);
    outline-offset: 1px;
  }
  a {
    color: var(--hydra-accent);
  }
  dl.facts {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 0.2rem 0.75rem;
    margin: 0;
    font-size: 0.88rem;
  }
  dl.facts dt {
    color: var(--hydra-muted);
  }
  dl.facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .row {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    flex-wrap: wrap;
  }
  .f-accent {
    fill: var(--hydra-accent);
  }
  .f-teal {
    fill: var(--hydra-teal);
  }
  .f-violet {
    fill: var(--hydra-violet);
  }
  .f-warn {
    fill: var(--hydra-warn);
  }
  .f-alert {
    fill: var(--hydra-alert);
  }
  .f-pos {
    fill: var(--hydra-pos);
  }
  .f-pink {
    fill: var(--hydra-pink);
  }
  .f-muted {
    fill: var(--hydra-muted);
  }
  .spacer {
    flex: 1;
  }
`;
