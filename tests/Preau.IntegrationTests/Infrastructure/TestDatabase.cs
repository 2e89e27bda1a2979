using Npgsql;
using Preau.Web.Platform.Data;

namespace Preau.IntegrationTests.Infrastructure;

/// <summary>SQLite in a temp file, or (in the Postgres twin project) a fresh database on the server named by PREAU_TEST_POSTGRES.</summary>
internal sealed class TestDatabase
{
    private readonly string? _adminConnectionString;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? adminConnectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _adminConnectionString = adminConnectionString;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    public static string? PostgresServer => Environment.GetEnvironmentVariable("PREAU_TEST_POSTGRES");

    /// <summary>A new database; <paramref name="server"/> names another PostgreSQL server than PREAU_TEST_POSTGRES (a throw-away cluster).</summary>
    public static TestDatabase Create(string? server = null)
    {
#if POSTGRES
        var admin = server ?? PostgresServer ?? "Host=127.0.0.1;Username=postgres;Database=postgres";
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = "preau_test_" + Guid.NewGuid().ToString("N")[..12] };
        return new TestDatabase(DatabaseProvider.Postgres, builder.ConnectionString, admin);
#else
        _ = server;
        var file = Path.Combine(Path.GetTempPath(), $"preau-test-{Guid.NewGuid():N}.db");
        return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={file}", null);
#endif
    }

    public async Task CreateAsync()
    {
        if (_adminConnectionString is null)
        {
            return;
        }
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DropAsync()
    {
        if (_adminConnectionString is null)
        {
            var file = ConnectionString["Data Source=".Length..];
            foreach (var f in new[] { file, file + "-wal", file + "-shm" })
            {
                try
                {
                    File.Delete(f);
                }
                catch (IOException)
                {
                    // Still open by a pooled connection: the temp folder is cleaned later.
                }
            }
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        // Our own sessions are ended first, then a plain DROP: WITH (FORCE) also tries to end an autovacuum worker
        // busy on the database and, for a role that is not superuser, fails on it ("must be a member of the role
        // whose process is being terminated"); a plain DROP asks autovacuum to stop and waits for it.
        await using (var terminate = new NpgsqlCommand(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @db AND pid <> pg_backend_pid() AND usename = current_user",
            connection))
        {
            terminate.Parameters.AddWithValue("db", DatabaseName);
            await terminate.ExecuteNonQueryAsync();
        }
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    private string DatabaseName => new NpgsqlConnectionStringBuilder(ConnectionString).Database!;
}
