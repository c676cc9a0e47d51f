import { EVENT_SCHEMA_VERSIONS, toDomainEvent, UnknownEventError, type Upcaster } from './events';
import { coalAnchor, ids } from './testing/fixtures';

const current = {
  claimId: ids.claim,
  articleId: ids.coalArticle,
  anchor: coalAnchor,
  statement: '山西2023年煤炭产量达到13.78亿吨',
  claimant: '山西代表团',
  topics: ['能源'],
};
const captured = { type: 'ClaimCaptured', data: current };

/** A change of shape as it would come: v1 had one `topic`, v2 a list of `topics`. */
const topicsAsList: Upcaster = {
  type: 'ClaimCaptured',
  fromVersion: 1,
  upcast: ({ topic, ...data }) => ({ ...data, topics: typeof topic === 'string' ? [topic] : [] }),
};

/** v2 had no claimant; v3 records it, unknown for older claims. */
const claimantKnown: Upcaster = {
  type: 'ClaimCaptured',
  fromVersion: 2,
  upcast: (data) => ({ ...data, claimant: null }),
};

describe('reading stored events', () => {
  it('an event at its current version is read as stored', () => {
    expect(toDomainEvent('ClaimCaptured', 1, { ...current })).toEqual(captured);
  });

  it('an unknown event type is refused', () => {
    expect(() => toDomainEvent('ClaimDeleted', 1, {})).toThrow(UnknownEventError);
    expect(() => toDomainEvent('ClaimDeleted', 1, {})).toThrow(
      'No event type ClaimDeleted at schema version 1 is known',
    );
  });

  it('an inherited property name is not an event type', () => {
    expect(() => toDomainEvent('toString', 1, {})).toThrow(UnknownEventError);
  });

  it.each([[0], [2], [-1]])('a schema version %d the code does not know is refused', (version) => {
    expect(() => toDomainEvent('ClaimCaptured', version, { ...current })).toThrow(
      UnknownEventError,
    );
  });

  describe('when ClaimCaptured has moved on to a newer version', () => {
    const { topics: _topics, ...unchanged } = current;
    const storedV1 = { ...unchanged, topic: '能源' };

    afterEach(() => jest.restoreAllMocks());

    it('an older event is lifted by the upcaster registered for it', () => {
      jest.replaceProperty(EVENT_SCHEMA_VERSIONS, 'ClaimCaptured', 2);
      expect(toDomainEvent('ClaimCaptured', 1, storedV1, [topicsAsList])).toEqual(captured);
    });

    it('upcasters are chained in version order, whatever order they are registered in', () => {
      jest.replaceProperty(EVENT_SCHEMA_VERSIONS, 'ClaimCaptured', 3);
      const { claimant: _claimant, ...withoutClaimant } = storedV1;
      expect(
        toDomainEvent('ClaimCaptured', 1, withoutClaimant, [claimantKnown, topicsAsList]),
      ).toEqual({ type: 'ClaimCaptured', data: { ...current, claimant: null } });
    });

    it('an event already at the current version is not upcast again', () => {
      jest.replaceProperty(EVENT_SCHEMA_VERSIONS, 'ClaimCaptured', 2);
      const upcast = jest.fn(topicsAsList.upcast);
      expect(
        toDomainEvent('ClaimCaptured', 2, { ...current }, [{ ...topicsAsList, upcast }]),
      ).toEqual(captured);
      expect(upcast).not.toHaveBeenCalled();
    });

    it('an upcaster for another event type is not applied', () => {
      jest.replaceProperty(EVENT_SCHEMA_VERSIONS, 'ClaimCaptured', 2);
      const elsewhere: Upcaster = { ...topicsAsList, type: 'ClaimEdited' };
      expect(() => toDomainEvent('ClaimCaptured', 1, storedV1, [elsewhere])).toThrow(
        'No event type ClaimCaptured at schema version 1 is known',
      );
    });

    it('an older event without an upcaster for each step is refused', () => {
      jest.replaceProperty(EVENT_SCHEMA_VERSIONS, 'ClaimCaptured', 3);
      expect(() => toDomainEvent('ClaimCaptured', 1, storedV1, [topicsAsList])).toThrow(
        'No event type ClaimCaptured at schema version 2 is known',
      );
    });
  });
});
