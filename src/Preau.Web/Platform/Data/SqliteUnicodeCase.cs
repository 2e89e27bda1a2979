using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Preau.Web.Platform.Data;

/// <summary>
/// SQLite's own <c>upper()</c> and <c>lower()</c> change only ASCII letters, so on the embedded database a search for
/// « chloé » did not find « Chloé » and « école » no school named « École … » (PostgreSQL folds every letter). Each
/// connection gets both functions replaced by .NET's invariant case mapping, as SQLite allows for built-in functions.
/// No index is built on either function, so none depends on the built-in versions. The searches' accent folding
/// (<see cref="SearchFold"/>) is registered here too.
/// </summary>
internal sealed class SqliteUnicodeCase : DbConnectionInterceptor
{
    // Registered once per connection object: Microsoft.Data.Sqlite registers a connection's functions again by itself
    // each time it is reopened, and a pooled context keeps its connection.
    private readonly ConditionalWeakTable<SqliteConnection, object> _done = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    private void Register(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite || _done.TryGetValue(sqlite, out _))
        {
            return;
        }
        sqlite.CreateFunction("upper", (string? s) => s?.ToUpperInvariant(), isDeterministic: true);
        sqlite.CreateFunction("lower", (string? s) => s?.ToLowerInvariant(), isDeterministic: true);
        sqlite.CreateFunction(SearchFold.SqliteFunction, (string? s) => s is null ? null : SearchFold.Fold(s), isDeterministic: true);
        _done.AddOrUpdate(sqlite, this);
    }
}
