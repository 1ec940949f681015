// Gives happy-dom an IndexedDB for the SDK's persistence tests.
import 'fake-indexeddb/auto';
