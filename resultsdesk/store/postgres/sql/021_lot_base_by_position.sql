-- Migration 21: the figures of a lot are traced to the version it was recorded on.
--
-- rd_pending_for (migration 4) and rd_figure_authors (migration 17) took the keyer of a
-- lot's figures to be the author of the newest earlier version holding the same figures,
-- if nobody had verified it. A lot on verified figures was then blamed on whoever had
-- keyed the same figures again and seen them withdrawn or rejected (a recount's count, a
-- correction): bob, who keyed the verified tie again as a recount's count and withdrew
-- it, could not verify alice's lot on the verified figures ("bob entered the figures of
-- version 3"), though he keyed nothing of it. A lot is recorded on the version awaiting
-- verification, or else on the verified one (decide_tie); the one awaiting verification
-- is the version just before the lot, which recording it superseded, of the same count.
-- Only that one's author is added (desk/declarations._unverified_lot_base, the same rule).
--
-- Written so that running it twice changes nothing (OR REPLACE, the same signatures, so
-- their grants stay).
SET LOCAL search_path = resultsdesk, pg_temp;

-- Everyone whose unverified keying is in a version: its author and, for a lot recorded on
-- figures awaiting verification, whoever keyed those.
CREATE OR REPLACE FUNCTION rd_figure_authors(k constituencies, d declarations)
RETURNS text[]
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    base declarations;
BEGIN
    IF d.kind = 'lot' THEN
        SELECT * INTO base FROM declarations b
        WHERE b.constituency_id = k.id AND b.version = d.version - 1
          AND b.status = 'superseded' AND b.verified_by IS NULL
          AND b.count_number = d.count_number;
        IF FOUND THEN
            RETURN ARRAY[d.entered_by, base.entered_by];
        END IF;
    END IF;
    RETURN ARRAY[d.entered_by];
END $$;

-- The provisional version a verify or reject acts on, refusing (RD002) anyone whose
-- unverified keying is in it (rd_figure_authors).
CREATE OR REPLACE FUNCTION rd_pending_for(k constituencies, p_actor text, p_expected integer,
                                          p_action text) RETURNS declarations
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    pending declarations;
    author text;
BEGIN
    PERFORM rd_check_version(k, p_expected);
    pending := rd_latest(k.id);
    IF pending.status IS DISTINCT FROM 'provisional' THEN
        PERFORM rd_fail('RD003', format('%s has nothing awaiting verification.', k.name));
    END IF;
    FOREACH author IN ARRAY rd_figure_authors(k, pending) LOOP
        IF rd_same_user(p_actor, author) THEN
            PERFORM rd_fail('RD002', format('%s entered the figures of version %s of %s, so '
                                            'cannot %s them: a second person must.', author,
                                            pending.version, k.name, p_action));
        END IF;
    END LOOP;
    RETURN pending;
END $$;
