import { css } from 'lit';
import { sharedStyles } from '../lib/styles.js';

export const alertsStyles = [
  sharedStyles,
  css`
    .filter {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      flex-wrap: wrap;
      margin: 0.25rem 0 0.75rem;
      font-size: 0.9rem;
    }
    .hint {
      color: var(--hydra-muted);
      font-size: 0.85rem;
    }
    .hint code {
      font-family: var(--hydra-mono);
    }
    .summary {
      min-width: 16rem;
    }
  `,
];
