using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.UsageStats.Data;

/// <summary>
/// Writes many usage rows at once, bypassing the change tracker: binary COPY on PostgreSQL, one prepared INSERT
/// reused in the caller's transaction on SQLite. A day of a territory's aggregates is tens of thousands of rows and a
/// year of raw events millions; through SaveChanges most of the roll-up's time was spent tracking and returning ids
/// (bench/README). Values are written in the forms EF Core reads back (SQLite: upper-case GUID text, ISO dates).
/// </summary>
internal static class UsageBulkInsert
{
    private sealed record Column<T>(string Name, NpgsqlDbType Type, Func<T, object?> Value);

    private static readonly Column<UsageAggregate>[] AggregateColumns =
    [
        new("Period", NpgsqlDbType.Smallint, a => (short)a.Period),
        new("PeriodStart", NpgsqlDbType.Date, a => a.PeriodStart),
        new("Level", NpgsqlDbType.Smallint, a => (short)a.Level),
        new("ScopeId", NpgsqlDbType.Uuid, a => a.ScopeId),
        new("Profile", NpgsqlDbType.Smallint, a => a.Profile),
        new("Service", NpgsqlDbType.Varchar, a => a.Service),
        new("Action", NpgsqlDbType.Varchar, a => a.Action),
        new("Hour", NpgsqlDbType.Smallint, a => a.Hour),
        new("Events", NpgsqlDbType.Integer, a => a.Events),
        new("ActiveUsers", NpgsqlDbType.Integer, a => a.ActiveUsers),
    ];

    private static readonly Column<UsageEvent>[] EventColumns =
    [
        new("At", NpgsqlDbType.TimestampTz, e => DateTime.SpecifyKind(e.At, DateTimeKind.Utc)),
        new("Day", NpgsqlDbType.Date, e => e.Day),
        new("Hour", NpgsqlDbType.Smallint, e => e.Hour),
        new("PersonId", NpgsqlDbType.Uuid, e => e.PersonId),
        new("Profile", NpgsqlDbType.Smallint, e => e.Profile),
        new("SchoolId", NpgsqlDbType.Uuid, e => e.SchoolId),
        new("ClassId", NpgsqlDbType.Uuid, e => e.ClassId),
        new("DistrictId", NpgsqlDbType.Uuid, e => e.DistrictId),
        new("AuthorityId", NpgsqlDbType.Uuid, e => e.AuthorityId),
        new("Service", NpgsqlDbType.Varchar, e => e.Service),
        new("Action", NpgsqlDbType.Varchar, e => e.Action),
    ];

    public static Task<int> AggregatesAsync(PreauDbContext db, IEnumerable<UsageAggregate> rows, CancellationToken ct) =>
        InsertAsync(db, "usage_aggregates", AggregateColumns, rows, ct);

    public static Task<int> EventsAsync(PreauDbContext db, IEnumerable<UsageEvent> rows, CancellationToken ct) =>
        InsertAsync(db, "usage_events", EventColumns, rows, ct);

    private static async Task<int> InsertAsync<T>(PreauDbContext db, string table, Column<T>[] columns, IEnumerable<T> rows, CancellationToken ct)
    {
        // Inside the caller's transaction when there is one; otherwise in one of our own, so that a failure leaves nothing half-written.
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            var count = db.Database.IsNpgsql()
                ? await CopyAsync((NpgsqlConnection)transaction.Connection!, table, columns, rows, ct)
                : await InsertEachAsync((SqliteConnection)transaction.Connection!, (SqliteTransaction)transaction, table, columns, rows, ct);
            if (own is not null)
            {
                await own.CommitAsync(ct);
            }
            return count;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    private static async Task<int> CopyAsync<T>(NpgsqlConnection connection, string table, Column<T>[] columns, IEnumerable<T> rows, CancellationToken ct)
    {
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        await using var copy = await connection.BeginBinaryImportAsync($"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)", ct);
        var count = 0;
        foreach (var row in rows)
        {
            await copy.StartRowAsync(ct);
            foreach (var column in columns)
            {
                await WriteAsync(copy, column.Value(row), column.Type, ct);
            }
            count++;
        }
        await copy.CompleteAsync(ct);
        return count;
    }

    private static Task WriteAsync(NpgsqlBinaryImporter copy, object? value, NpgsqlDbType type, CancellationToken ct) => value switch
    {
        null => copy.WriteNullAsync(ct),
        short s => copy.WriteAsync(s, type, ct),
        int i => copy.WriteAsync(i, type, ct),
        Guid g => copy.WriteAsync(g, type, ct),
        DateOnly d => copy.WriteAsync(d, type, ct),
        DateTime t => copy.WriteAsync(t, type, ct),
        string s => copy.WriteAsync(s, type, ct),
        _ => throw new NotSupportedException($"Type {value.GetType()} not handled by the usage bulk insert."),
    };

    private static async Task<int> InsertEachAsync<T>(SqliteConnection connection, SqliteTransaction transaction, string table,
        Column<T>[] columns, IEnumerable<T> rows, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) "
            + $"VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
        command.Prepare();
        var count = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Length; i++)
            {
                parameters[i].Value = SqliteForms.Value(columns[i].Value(row));
            }
            await command.ExecuteNonQueryAsync(ct);
            count++;
        }
        return count;
    }
}
