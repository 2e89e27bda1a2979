using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Platform.Data;

namespace Preau.IntegrationTests.Operations;

/// <summary>What a deployment holds, to compare a restored one with its source: every table of the EF model and every stored file.</summary>
internal static class BackupDrill
{
    public sealed record TableState(string Table, long Rows, string Hash);

    /// <summary>Row count and a hash of the rows ordered by primary key, for each table of the model and the migration history.</summary>
    public static async Task<Dictionary<string, TableState>> TablesAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var tables = new Dictionary<string, string[]>(StringComparer.Ordinal) { ["__EFMigrationsHistory"] = ["MigrationId"] };
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            var key = entity.FindPrimaryKey();
            if (table is null || key is null || tables.ContainsKey(table))
            {
                continue;
            }
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            tables[table] = key.Properties.Select(p => p.GetColumnName(store)!).ToArray();
        }
        var result = new Dictionary<string, TableState>(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            foreach (var (table, keyColumns) in tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY {string.Join(", ", keyColumns.Select(c => $"\"{c}\""))}";
                await using var reader = await command.ExecuteReaderAsync();
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                long rows = 0;
                while (await reader.ReadAsync())
                {
                    rows++;
                    hash.AppendData(Encoding.UTF8.GetBytes(Row(reader) + "\n"));
                }
                result[table] = new TableState(table, rows, Convert.ToHexString(hash.GetHashAndReset()));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return result;
    }

    private static string Row(DbDataReader reader)
    {
        var values = new string[reader.FieldCount];
        for (var i = 0; i < reader.FieldCount; i++)
        {
            values[i] = reader.GetName(i) + "=" + (reader.GetValue(i) switch
            {
                DBNull => "null",
                byte[] bytes => Convert.ToHexString(bytes),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var v => v.ToString(),
            });
        }
        return string.Join("|", values);
    }

    /// <summary>Every stored file's bytes by key.</summary>
    public static async Task<Dictionary<string, byte[]>> FilesAsync(IServiceProvider services)
    {
        var store = services.GetRequiredService<IFileStore>();
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await foreach (var (key, _) in store.ListAsync())
        {
            await using var content = (await store.OpenReadAsync(key))!;
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer);
            files[key] = buffer.ToArray();
        }
        return files;
    }
}
