using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Preau.Web.Platform.Data;

namespace Preau.IntegrationTests.Platform;

/// <summary>How the database context is set up in each environment (no request made; an empty SQLite file).</summary>
public sealed class DatabaseSetupTests
{
    [Theory]
    [InlineData("Production", false)]
    [InlineData("Testing", true)]
    [InlineData("Development", true)]
    public void ThreadSafetyChecks_AreOffInProductionOnly(string environment, bool expected)
    {
        var data = Directory.CreateTempSubdirectory("preau-setup-");
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
            builder.Configuration["ConnectionStrings:Preau"] = $"Data Source={Path.Combine(data.FullName, "setup.db")}";
            builder.Services.AddHttpContextAccessor();
            builder.AddPreauDatabase();
            using var services = builder.Services.BuildServiceProvider();
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();

            var core = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>();

            Assert.Equal(expected, core!.ThreadSafetyChecksEnabled);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Delete(true);
        }
    }
}
