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
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private string DatabaseName => new NpgsqlConnectionStringBuilder(ConnectionString).Database!;
}
