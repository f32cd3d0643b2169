import { dataConverter } from '../../src/codec/data-converter';
import { loadConfig } from '../../src/config';

/**
 * The suite's payload key (not a secret: tests only). The recorded histories in test/histories are encrypted with
 * it, so the replay test decodes them with it too.
 */
export const TEST_PAYLOAD_KEYS = 'ucship-test-1=dWNzaGlwLXRlc3Qta2V5LXVjc2hpcC10ZXN0LWtleSE=';

/** What every test client and worker uses: the product's data converter with the test key. */
export const testDataConverter = () => dataConverter(loadConfig({ PAYLOAD_ENCRYPTION_KEYS: TEST_PAYLOAD_KEYS }));
