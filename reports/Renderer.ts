/** Turns a report into the text a command prints; renderers only render, they decide nothing. */
export type Renderer<Report> = (report: Report) => string;
