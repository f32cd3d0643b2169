export default async function globalTeardown(): Promise<void> {
  await globalThis.__UCSHIP_DEV_SERVER__?.stop();
}
