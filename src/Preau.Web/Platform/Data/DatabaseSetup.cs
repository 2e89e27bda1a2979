using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Preau.Web.Platform.Data;

public enum DatabaseProvider
{
    Sqlite = 0,
    Postgres = 1,
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    /// <summary>Apply pending migrations at start-up (on by default so that the first run needs no set-up).</summary>
    public bool AutoMigrate { get; set; } = true;
}

internal static class DatabaseSetup
{
    public static DatabaseProvider AddPreauDatabase(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Preau:Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<QueryCountingInterceptor>();
        builder.Services.AddSingleton<Auth.AccessStampInterceptor>();
        builder.Services.AddSingleton<SqliteUnicodeCase>();
        var connectionString = builder.Configuration.GetConnectionString("Preau");
        // EF Core's check that a context is not used by two threads at once sets an AsyncLocal around every query and
        // save, copying the request's execution context each time (about 1.3 % of the evening's allocations). It stays
        // on wherever code is written and tested (development, the test suites) and is off in production (ADR 0042).
        var threadSafetyChecks = !builder.Environment.IsProduction();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Preau__Database__Provider=Postgres demande ConnectionStrings__Preau (chaîne de connexion PostgreSQL).");
            }
            builder.Services.AddDbContextPool<PostgresPreauDbContext>((sp, o) => o
                .UseNpgsql(PostgresConnectionString(connectionString), n => n.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                .EnableThreadSafetyChecks(threadSafetyChecks)
                .AddInterceptors(sp.GetRequiredService<QueryCountingInterceptor>(), sp.GetRequiredService<Auth.AccessStampInterceptor>())
                // Interceptors registered by modules (usage statistics count saved rows).
                .AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>()));
            builder.Services.AddScoped<PreauDbContext>(sp => sp.GetRequiredService<PostgresPreauDbContext>());
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                var dataDir = DataPaths.Root(builder.Configuration, builder.Environment);
                Directory.CreateDirectory(dataDir);
                connectionString = $"Data Source={Path.Combine(dataDir, "preau.db")}";
            }
            builder.Services.AddDbContextPool<SqlitePreauDbContext>((sp, o) => o
                .UseSqlite(SqliteConnectionString(connectionString), q => q.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                .EnableThreadSafetyChecks(threadSafetyChecks)
                .AddInterceptors(sp.GetRequiredService<QueryCountingInterceptor>(), sp.GetRequiredService<Auth.AccessStampInterceptor>(), sp.GetRequiredService<SqliteUnicodeCase>())
                // Interceptors registered by modules (usage statistics count saved rows).
                .AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>()));
            builder.Services.AddScoped<PreauDbContext>(sp => sp.GetRequiredService<SqlitePreauDbContext>());
        }
        return options.Provider;
    }

    // Unless the deployment says otherwise: statements a connection runs often are prepared once (the server parses
    // and plans them once, not at every request: a third of its processor time in the evening-peak benchmark), and
    // a connection handed back to the pool is not reset (Npgsql would send DISCARD ALL, or with prepared statements
    // five reset commands, before its next query). Nothing in Préau leaves state on a session: no SET, no temporary
    // table, advisory locks only for the transaction. ADR 0018.
    internal static string PostgresConnectionString(string cs)
    {
        // Npgsql's builder knows every keyword whether given or not: read what was written with the generic one.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = cs }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(cs);
        if (!given.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 250;
        }
        if (!given.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }
        // A prepared statement keeps the plan made once for any values instead of being planned again at each
        // execution, which the server otherwise does for most statements with an array or a date among their
        // parameters: planning was two fifths of the database's time in the evening mix. Those plans are then made
        // without the values, so the planner must price an index probe as what it is here, a read from memory (a
        // département's data fits in a few gigabytes), not a seek on a spinning disk. ADR 0021.
        if (!given.Contains("Options"))
        {
            builder.Options = "-c plan_cache_mode=force_generic_plan -c random_page_cost=1.1";
        }
        return builder.ConnectionString;
    }

    // A writer waits for another instead of failing at once with "database is locked".
    private static string SqliteConnectionString(string cs) =>
        cs.Contains("Default Timeout", StringComparison.OrdinalIgnoreCase) ? cs : cs.TrimEnd(';') + ";Default Timeout=30";

    public static async Task MigrateIfConfiguredAsync(IServiceProvider services, CancellationToken ct = default)
    {
        if (services.GetRequiredService<DatabaseOptions>().AutoMigrate)
        {
            await MigrateAsync(services, ct);
        }
    }

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one request writes; the setting persists in the file.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }
        else
        {
            // Npgsql's provider reads the history table before creating it and logs the failure of a first start as an
            // Error (npgsql/efcore.pg#3407), alarming in an operator's journal: create it first, as migrating would.
            var history = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository>();
            await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), ct);
        }
        await db.Database.MigrateAsync(ct);
    }
}

internal static class DataPaths
{
    public static string Root(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Preau:DataPath"];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine(environment.ContentRootPath, "data") : configured, environment.ContentRootPath);
    }
}

/// <summary>Used by the migration script only (dotnet ef); the connection strings are placeholders.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePreauDbContext>
{
    public SqlitePreauDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePreauDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPreauDbContext>
{
    public PostgresPreauDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPreauDbContext>().UseNpgsql("Host=localhost;Database=preau_design").Options);
}
