// The tool's version, stamped into generated Dockerfiles (kept in step with package.json by a unit test).
export const VERSION = '0.1.0';
