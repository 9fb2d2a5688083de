import { css } from 'lit';

export const appStyles = css`
  :host {
    display: grid;
    grid-template-columns: 11.5rem minmax(0, 1fr);
    grid-template-rows: auto minmax(0, 1fr);
    min-height: 100vh;
    min-height: 100dvh;
  }
  * {
    box-sizing: border-box;
  }
  header {
    grid-column: 1 / -1;
    position: sticky;
    top: 0;
    z-index: 20;
    display: flex;
    align-items: center;
    gap: 0.6rem;
    padding: 0.5rem 1rem;
    background: var(--hydra-surface);
    border-bottom: 1px solid var(--hydra-border);
    min-width: 0;
  }
  .brand {
    font-weight: 700;
    letter-spacing: 0.02em;
    color: var(--hydra-text);
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
  }
  .brand svg {
    color: var(--hydra-accent);
  }
  .spacer {
    flex: 1;
    min-width: 0;
  }
  .bell {
    position: relative;
    display: inline-flex;
    align-items: center;
    color: var(--hydra-muted);
    padding: 0.2rem;
    border-radius: 6px;
  }
  .bell[data-firing]:not([data-firing='0']) {
    color: var(--hydra-warn);
  }
  .bell[data-unacked]:not([data-unacked='0']) {
    color: var(--hydra-alert);
  }
  .bell .count {
    position: absolute;
    top: -0.35rem;
    right: -0.45rem;
    min-width: 1.05rem;
    padding: 0 0.25rem;
    border-radius: 999px;
    background: var(--hydra-alert);
    color: var(--hydra-bg);
    font-size: 0.68rem;
    font-weight: 700;
    line-height: 1.05rem;
    text-align: center;
  }
  .bell[data-unacked='0'] .count {
    background: var(--hydra-warn);
  }
  .conn {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    font-size: 0.78rem;
    color: var(--hydra-muted);
    white-space: nowrap;
  }
  .dot {
    width: 0.55rem;
    height: 0.55rem;
    border-radius: 50%;
    background: var(--hydra-muted);
    flex: none;
  }
  .conn[data-status='live'] .dot {
    background: var(--hydra-ok);
  }
  .conn[data-status='reconnecting'] .dot {
    background: var(--hydra-warn);
    animation: pulse 1s ease-in-out infinite alternate;
  }
  .conn[data-status='reconnecting'] {
    color: var(--hydra-warn);
  }
  .conn[data-status='unauthorized'] .dot {
    background: var(--hydra-alert);
  }
  @keyframes pulse {
    to {
      opacity: 0.25;
    }
  }
  .icon-btn {
    font: inherit;
    background: transparent;
    border: 1px solid var(--hydra-border);
    color: var(--hydra-text);
    border-radius: 6px;
    width: 2rem;
    height: 2rem;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    cursor: pointer;
    flex: none;
  }
  .icon-btn:hover {
    border-color: var(--hydra-accent);
  }
  nav {
    border-right: 1px solid var(--hydra-border);
    padding: 0.75rem 0.5rem;
    display: flex;
    flex-direction: column;
    gap: 0.15rem;
    position: sticky;
    top: 3.1rem;
    align-self: start;
    height: calc(100vh - 3.1rem);
  }
  nav a {
    display: flex;
    align-items: center;
    gap: 0.6rem;
    padding: 0.45rem 0.6rem;
    border-radius: 6px;
    color: var(--hydra-muted);
    text-decoration: none;
    font-size: 0.92rem;
  }
  nav a:hover {
    color: var(--hydra-text);
    background: var(--hydra-hover);
  }
  nav a[aria-current='page'] {
    color: var(--hydra-text);
    background: var(--hydra-hover);
    box-shadow: inset 3px 0 0 var(--hydra-accent);
  }
  nav .foot {
    margin-top: auto;
    font-size: 0.75rem;
    color: var(--hydra-muted);
    padding: 0.5rem 0.6rem;
  }
  nav .foot a {
    display: inline;
    padding: 0;
    color: var(--hydra-accent);
    font-size: inherit;
  }
  main {
    padding: 1rem 1.25rem 2rem;
    min-width: 0;
    max-width: 1500px;
  }
  .banner {
    border: 1px solid var(--hydra-warn);
    background: var(--hydra-warn-bg);
    border-radius: 6px;
    padding: 0.5rem 0.75rem;
    margin-bottom: 0.9rem;
    font-size: 0.88rem;
  }
  .banner.alert {
    border-color: var(--hydra-alert);
    background: var(--hydra-alert-bg);
  }
  .fatal {
    border: 1px solid var(--hydra-alert);
    border-left-width: 4px;
    border-radius: 6px;
    padding: 0.75rem 1rem;
    background: var(--hydra-alert-bg);
  }
  .fatal button {
    font: inherit;
    margin-left: 0.5rem;
    color: var(--hydra-text);
    background: var(--hydra-surface-2);
    border: 1px solid var(--hydra-border);
    border-radius: 6px;
    padding: 0.2rem 0.6rem;
    cursor: pointer;
  }
  .loading {
    color: var(--hydra-muted);
    padding: 1rem 0;
  }
  a:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--hydra-accent);
    outline-offset: 1px;
  }
  @media (max-width: 720px) {
    :host {
      grid-template-columns: minmax(0, 1fr);
    }
    header {
      padding: 0.45rem 0.75rem;
      gap: 0.45rem;
    }
    .brand span,
    .conn[data-status='live'] .label,
    .conn[data-status='connecting'] .label {
      display: none;
    }
    nav {
      position: fixed;
      top: auto;
      bottom: 0;
      left: 0;
      right: 0;
      height: auto;
      z-index: 20;
      flex-direction: row;
      display: grid;
      grid-template-columns: repeat(6, minmax(0, 1fr));
      gap: 0;
      padding: 0.2rem 0.2rem calc(0.2rem + env(safe-area-inset-bottom));
      border-right: none;
      border-top: 1px solid var(--hydra-border);
      background: var(--hydra-surface);
    }
    nav a {
      flex-direction: column;
      gap: 0.1rem;
      padding: 0.35rem 0;
      font-size: 0.64rem;
      text-align: center;
      min-width: 0;
    }
    nav a[aria-current='page'] {
      box-shadow: inset 0 2px 0 var(--hydra-accent);
      color: var(--hydra-accent);
      background: transparent;
    }
    nav a .long {
      display: none;
    }
    nav .foot {
      display: none;
    }
    main {
      padding: 0.75rem 0.75rem calc(4.5rem + env(safe-area-inset-bottom));
    }
  }
  @media (min-width: 721px) {
    nav a .short {
      display: none;
    }
  }
`;
