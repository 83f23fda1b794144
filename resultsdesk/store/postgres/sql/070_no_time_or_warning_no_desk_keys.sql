-- Migration 70: a desk's entry states no declaration time, and accepts only the warnings
-- a desk is offered.
--
-- declare stored whatever text a client sent as the seat's declaration time, and
-- declare and correct whatever words as the warnings accepted. No desk sends a time to a
-- server (only a rehearsal times its read-outs, and a rehearsal is never on a server; a
-- count keyed at the desk declared when it went on air), and the form and the command
-- line offer the five warnings alone. The verifier's blind re-key neither shows nor asks
-- either, so a desk account with psql put them on air unchecked by a second person: a
-- time of 9999 became the seat's (exported as 31/12/9999, which the import refuses), one
-- of 1900 put the seat first on the Timeline, and the record said "warnings accepted:
-- banana". Both are refused now, before anything is written; an import still states its
-- file's times and warnings (its own functions, admins only). The length checks of
-- migration 30 come first, so what is too long is still said so.
-- Running this twice changes nothing (OR REPLACE, the same signatures and grants).
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE FUNCTION rd_check_desk_entry(p_declared_at text, p_overrides text[])
RETURNS void
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    unknown text;
BEGIN
    PERFORM rd_refuse_long('The time declared', p_declared_at, 100);
    IF p_declared_at IS NOT NULL THEN
        PERFORM rd_fail('RD003', 'A declaration time is not keyed at a desk: a count keyed '
                                 'at the desk declared when it went on air (verified); a '
                                 'file''s import gives its own.');
    END IF;
    PERFORM rd_refuse_long('The list of warnings accepted', rd_overrides(p_overrides), 10000);
    SELECT o INTO unknown FROM unnest(p_overrides) AS o
    WHERE o IS NOT NULL
      AND o NOT IN ('low_turnout', 'high_turnout', 'zero_votes', 'recount_range', 'tie')
    LIMIT 1;
    IF unknown IS NOT NULL THEN
        PERFORM rd_fail('RD003', format('''%s'' is not a warning a desk accepts (low_turnout, '
                                        'high_turnout, zero_votes, recount_range or tie).',
                                        unknown));
    END IF;
END $$;

CREATE OR REPLACE FUNCTION declare(p_seat text, p_votes integer[], p_invalid integer,
                        p_total_as_read integer DEFAULT NULL,
                        p_electorate integer DEFAULT NULL,
                        p_expected_version integer DEFAULT NULL,
                        p_overrides text[] DEFAULT '{}',
                        p_tie_winner integer DEFAULT NULL, p_note text DEFAULT NULL,
                        p_source text DEFAULT 'desk',
                        p_declared_at text DEFAULT NULL,
                        p_expected_count integer DEFAULT NULL,
                        OUT version integer, OUT sheet jsonb)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
BEGIN
    PERFORM rd_lock();
    PERFORM rd_require('enter, verify or correct declarations', 'desk', 'admin');
    PERFORM rd_check_count(rd_seat(p_seat), p_expected_count);
    PERFORM rd_check_desk_entry(p_declared_at, p_overrides);
    SELECT saved.version, saved.sheet INTO version, sheet
    FROM rd_declare(p_seat, p_votes, p_invalid, p_total_as_read, p_electorate,
                    p_expected_version, p_overrides, p_tie_winner, p_note, p_source,
                    p_declared_at) AS saved;
END $$;

CREATE OR REPLACE FUNCTION correct(p_seat text, p_votes integer[], p_invalid integer,
                        p_reason text, p_expected_version integer DEFAULT NULL,
                        p_overrides text[] DEFAULT '{}',
                        p_tie_winner integer DEFAULT NULL,
                        p_total_as_read integer DEFAULT NULL,
                        p_electorate integer DEFAULT NULL,
                        p_source text DEFAULT 'desk',
                        p_expected_count integer DEFAULT NULL,
                        OUT version integer, OUT sheet jsonb)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
BEGIN
    PERFORM rd_lock();
    PERFORM rd_require('enter, verify or correct declarations', 'desk', 'admin');
    PERFORM rd_check_count(rd_seat(p_seat), p_expected_count);
    PERFORM rd_check_desk_entry(NULL, p_overrides);
    SELECT saved.version, saved.sheet INTO version, sheet
    FROM rd_correct(p_seat, p_votes, p_invalid, p_reason, p_expected_version, p_overrides,
                    p_tie_winner, p_total_as_read, p_electorate, p_source) AS saved;
END $$;
