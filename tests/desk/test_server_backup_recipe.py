"""The recipe `resultsdesk backup`/`restore` print for a server's election matches README's
(Team desk, "Backups and failover are the server's job"): after pg_restore, `init` is run
again as after any upgrade, without `--name`, which a prepared database never needs and which
never renames its election (the recipe asked the administrator to make one up)."""

from __future__ import annotations

from resultsdesk.desk.session import server_backup_recipe


def test_the_restore_ends_with_init_again_without_a_name():
    recipe = server_backup_recipe("postgresql://ann@dbhost/ge2024")
    restore = next(line for line in recipe.splitlines() if line.startswith("Restore"))
    assert restore.endswith("then resultsdesk init --db postgresql://ADMIN@HOST/ge2024 again.")
    assert "--name" not in recipe


def test_the_recipe_names_the_database_and_never_the_password():
    recipe = server_backup_recipe("postgresql://ann:s3cret%40x@dbhost:5433/ge2024?sslmode=require")
    assert "pg_dump -Fc -d ge2024 -f ge2024-$(date +%H%M).dump" in recipe
    assert "-O ge2024_owner ge2024" in recipe
    assert "s3cret" not in recipe
