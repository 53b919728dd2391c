// Rule docs pages are bundled as text: Vite (vitest) and our esbuild plugin both read `?raw`.
declare module "*.md?raw" {
  const text: string;
  export default text;
}
