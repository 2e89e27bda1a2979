using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Data;

namespace Preau.Tests.Architecture;

public sealed class ModelTests
{
    public static TheoryData<string> Providers => new() { "Sqlite", "Postgres" };

    private static PreauDbContext Create(string provider) => provider == "Sqlite"
        ? new SqliteDesignTimeFactory().CreateDbContext([])
        : new PostgresDesignTimeFactory().CreateDbContext([]);

    /// <summary>A model change without its migrations (for either provider) fails here, not in production.</summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public void Model_HasNoPendingChanges_ForEitherProvider(string provider)
    {
        using var db = Create(provider);
        Assert.False(db.Database.HasPendingModelChanges(), $"Run scripts/add-migration.sh: the {provider} migrations are behind the model.");
    }

    /// <summary>Each module owns its tables, named with its prefix (SQLite has no schemas).</summary>
    [Fact]
    public void EveryTable_CarriesItsModulePrefix()
    {
        using var db = Create("Sqlite");
        var prefixes = new Dictionary<string, string>
        {
            ["Territory"] = "territory_",
            ["People"] = "people_",
            ["Accounts"] = "accounts_",
            ["Home"] = "home_",
            ["AccountImport"] = "import_",
            ["Platform"] = "platform_",
            ["Communication"] = "communication_",
            ["LiaisonBook"] = "liaison_",
            ["Homework"] = "homework_",
            ["Notifications"] = "notifications_",
            ["News"] = "news_",
            ["Files"] = "files_",
            ["Messaging"] = "messaging_",
            ["Agenda"] = "agenda_",
            ["Skills"] = "skills_",
            ["Albums"] = "albums_",
            ["Blogs"] = "blogs_",
            ["Documents"] = "doc_",
            ["Forums"] = "forum_",
            ["Quizzes"] = "quiz_",
            ["TownHallRequests"] = "townhall_",
            ["Subscriptions"] = "subscriptions_",
            ["Training"] = "training_",
            ["Helpdesk"] = "helpdesk_",
            ["UsageStats"] = "usage_",
        };
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var ns = entity.ClrType.Namespace ?? "";
            // Identity's own types live outside our namespaces and belong to Accounts.
            var module = ns.StartsWith("Preau.Web.Modules.", StringComparison.Ordinal) ? ns.Split('.')[3]
                : ns.StartsWith("Preau.Web.Platform.", StringComparison.Ordinal) ? "Platform" : "Accounts";
            Assert.True(prefixes.TryGetValue(module, out var prefix), $"{entity.ClrType.Name}: module {module} has no table prefix declared here.");
            Assert.StartsWith(prefix, table, StringComparison.Ordinal);
        }
    }
}
