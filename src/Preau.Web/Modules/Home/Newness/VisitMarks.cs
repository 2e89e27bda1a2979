using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Home.Newness;

/// <summary>
/// The visits of the last second, kept in memory and written once a second by <see cref="VisitMarksWriter"/> (one
/// statement on PostgreSQL): a page of a service only records where the person is, it never waits for a write — the
/// cahier de textes, the blog and the albums are a quarter of the evening's visits (bench/README). Until written, the
/// home page reads them here (<see cref="PendingFor"/>), so what was just seen is not counted again.
/// </summary>
public sealed class VisitMarks(SpaceActivity activity)
{
    private ConcurrentDictionary<Guid, ConcurrentDictionary<(string Service, Guid ScopeId), DateTime>> _pending = new();
    private volatile ConcurrentDictionary<Guid, ConcurrentDictionary<(string Service, Guid ScopeId), DateTime>>? _writing;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public bool IsEmpty => _pending.IsEmpty;

    public void Mark(Guid personId, string service, Guid scopeId, DateTime at)
    {
        while (true)
        {
            var current = Volatile.Read(ref _pending);
            var mine = current.GetOrAdd(personId, _ => new());
            mine.AddOrUpdate((service, scopeId), at, (_, old) => old > at ? old : at);
            // The writer may have taken these marks away in between, and read them before this one arrived: mark again
            // in the new set (written twice at worst; the later time wins anyway).
            if (ReferenceEquals(current, Volatile.Read(ref _pending)))
            {
                // The person's remembered counts hold without this place's (NewSinceLastVisit).
                activity.Visited(personId, service, scopeId, at);
                return;
            }
        }
    }

    /// <summary>The services of spaces this person opened and that are not in the database yet.</summary>
    public IReadOnlySet<(string Service, Guid ScopeId)> PendingFor(Guid personId)
    {
        HashSet<(string, Guid)>? result = null;
        foreach (var source in new[] { _pending, _writing })
        {
            if (source is not null && source.TryGetValue(personId, out var mine) && !mine.IsEmpty)
            {
                result ??= [];
                result.UnionWith(mine.Keys);
            }
        }
        return result ?? (IReadOnlySet<(string, Guid)>)EmptySet;
    }

    private static readonly HashSet<(string, Guid)> EmptySet = [];

    /// <summary>Writes what was marked so far (the background writer calls it once a second; tests call it to be sure).</summary>
    public async Task FlushAsync(PreauDbContext db, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_pending.IsEmpty)
            {
                return;
            }
            // Shown as being written before it leaves the pending ones, so that a reader always finds it in one of them.
            _writing = _pending;
            Interlocked.Exchange(ref _pending, new());
            var rows = _writing.SelectMany(p => p.Value.Select(v => (PersonId: p.Key, v.Key.Service, v.Key.ScopeId, SeenAt: v.Value))).ToList();
            try
            {
                if (db.Database.IsNpgsql())
                {
                    await UpsertPostgresAsync(db, rows, ct);
                }
                else
                {
                    await UpsertSqliteAsync(db, rows, ct);
                }
                activity.VisitsWritten(NewItemsQuery.StatementName, rows.Select(r => r.PersonId).Distinct());
            }
            catch
            {
                // Kept for the next pass rather than lost (a newer visit of the same place wins when merged back).
                foreach (var r in rows)
                {
                    Mark(r.PersonId, r.Service, r.ScopeId, r.SeenAt);
                }
                throw;
            }
            finally
            {
                _writing = null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    // A later visit always wins, even when two instances write the same place in either order.
    private const string OnConflict = " ON CONFLICT (\"PersonId\", \"Service\", \"ScopeId\") DO UPDATE SET \"SeenAt\" = ";

    private static async Task UpsertPostgresAsync(PreauDbContext db, List<(Guid PersonId, string Service, Guid ScopeId, DateTime SeenAt)> rows, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var close = connection.State != System.Data.ConnectionState.Open;
        if (close)
        {
            await connection.OpenAsync(ct);
        }
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO home_visits (\"PersonId\", \"Service\", \"ScopeId\", \"SeenAt\") "
                + "SELECT * FROM unnest(@p, @s, @c, @t)" + OnConflict + "GREATEST(home_visits.\"SeenAt\", excluded.\"SeenAt\")";
            command.Parameters.Add(new NpgsqlParameter("p", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = rows.Select(r => r.PersonId).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("s", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = rows.Select(r => r.Service).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("c", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = rows.Select(r => r.ScopeId).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("t", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
            {
                Value = rows.Select(r => DateTime.SpecifyKind(r.SeenAt, DateTimeKind.Utc)).ToArray(),
            });
            await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            if (close)
            {
                await connection.CloseAsync();
            }
        }
    }

    // One prepared statement reused in one transaction (one lock taken, one sync), in the forms EF Core reads back.
    private static async Task UpsertSqliteAsync(PreauDbContext db, List<(Guid PersonId, string Service, Guid ScopeId, DateTime SeenAt)> rows, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var connection = (SqliteConnection)transaction.GetDbTransaction().Connection!;
        await using var command = connection.CreateCommand();
        command.Transaction = (SqliteTransaction)transaction.GetDbTransaction();
        command.CommandText = "INSERT INTO home_visits (\"PersonId\", \"Service\", \"ScopeId\", \"SeenAt\") VALUES ($p, $s, $c, $t)"
            + OnConflict + "max(home_visits.\"SeenAt\", excluded.\"SeenAt\")";
        var p = command.Parameters.Add(new SqliteParameter("$p", null));
        var s = command.Parameters.Add(new SqliteParameter("$s", null));
        var c = command.Parameters.Add(new SqliteParameter("$c", null));
        var t = command.Parameters.Add(new SqliteParameter("$t", null));
        command.Prepare();
        foreach (var r in rows)
        {
            p.Value = SqliteForms.Value(r.PersonId);
            s.Value = r.Service;
            c.Value = SqliteForms.Value(r.ScopeId);
            t.Value = SqliteForms.Value(r.SeenAt);
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }
}

/// <summary>Writes the visits once a second; a failure is logged and retried, never felt by a page.</summary>
internal sealed class VisitMarksWriter(VisitMarks marks, IServiceScopeFactory scopes, TimeProvider time, ILogger<VisitMarksWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
                await FlushAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Visit marks could not be written");
                await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        // The visits of the last second before a stop, unless the database does not answer within a few seconds.
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
            await FlushAsync(limit.Token);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Visit marks queued at shutdown could not be written");
        }
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        if (marks.IsEmpty)
        {
            return;
        }
        using var scope = scopes.CreateScope();
        await marks.FlushAsync(scope.ServiceProvider.GetRequiredService<PreauDbContext>(), ct);
    }
}
