/** Progress of one apply step (e.g. "mdmsData"), shared by the ink bars and the plain line printer. */
export interface ProgressStep {
  label: string;
  total: number;
  /** Items settled, whatever the outcome; `failed` and `skipped` are part of it. */
  done: number;
  failed: number;
  skipped: number;
  startedAt: number;
  finishedAt?: number;
}

export interface ProgressUpdate {
  label: string;
  total: number;
  done: number;
  failed?: number;
  skipped?: number;
}
