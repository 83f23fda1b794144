-- Migration 28: no lot on an earlier count's figures while a recount is under way. A lot
-- recorded then (on the first count's verified tie, say, the recount's figures still to
-- come) was a version of the recount's count holding the earlier count's figures, and
-- verifying it ended the recount: the seat went on air, decided by lot, before the recount
-- it was waiting for had any figures. Refused now, as on a file
-- (desk/declarations.refuse_lot); once the recount's figures are entered the lot is drawn
-- on them, as before. The rest of decide_tie is migration 17's. (CREATE OR REPLACE: same
-- arguments and result, so its grants stay, and running this twice changes nothing.)
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE FUNCTION decide_tie(p_seat text, p_winner integer, p_note text,
                                      p_expected_version integer DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    actor text;
    k constituencies;
    base declarations;
    votes integer[];
    d declarations;
    author text;
    note text := btrim(coalesce(p_note, ''));
BEGIN
    PERFORM rd_lock();
    actor := rd_require('enter, verify or correct declarations', 'desk', 'admin');
    IF note = '' THEN
        PERFORM rd_fail('RD003', 'Add a note on the drawing of lots (who drew, how).');
    END IF;
    k := rd_seat(p_seat);
    PERFORM rd_check_version(k, p_expected_version);
    base := rd_latest(k.id);
    IF base.status IS DISTINCT FROM 'provisional' THEN
        base := rd_verified(k.id);
    END IF;
    IF base.id IS NULL THEN
        PERFORM rd_fail('RD003', format('%s has no figures yet.', k.name));
    END IF;
    IF k.recount_under_way = 1 AND base.count_number <> k.current_count THEN
        PERFORM rd_fail('RD003', format('%s: recount %s is under way; a lot is drawn on its '
                                        'figures, once they are entered.', k.name,
                                        k.current_count));
    END IF;
    -- Before any check of the winner: whether the candidates tie is the figures' to say.
    IF base.verified_by IS NULL THEN
        FOREACH author IN ARRAY rd_figure_authors(k, base) LOOP
            IF NOT rd_same_user(actor, author) THEN
                PERFORM rd_fail('RD002', format(
                    '%s entered the figures of version %s of %s, awaiting verification: only '
                    '%s can record a lot on them until a second person verifies them; after '
                    'that anyone can.', author, base.version, k.name, author));
            END IF;
        END LOOP;
    END IF;
    votes := rd_votes(base.id);
    PERFORM rd_check_tie_winner(k, votes, p_winner);
    d := rd_insert_version(k, 'lot', votes, base.invalid_votes, base.electorate,
                           base.total_as_read, base.overrides, 'desk', base.reason, note,
                           p_winner, NULL);
    PERFORM rd_audit('decide tie by lot', 'constituency', k.code, jsonb_build_object(
        'version', d.version, 'note', note,
        'winner', (SELECT btrim(first_name || ' ' || surname) FROM candidates
                   WHERE id = p_winner)) || rd_seal(d.id));
    PERFORM rd_notify();
    RETURN d.version;
END $$;
