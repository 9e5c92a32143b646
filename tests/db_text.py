from django.db import connection


def all_database_text() -> str:
    """Every value of every row of every table, as text (to prove something is not stored)."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 (names from introspection)
            for row in cursor.fetchall():
                chunks.append("|".join("" if v is None else str(v) for v in row))
    return "\n".join(chunks)
