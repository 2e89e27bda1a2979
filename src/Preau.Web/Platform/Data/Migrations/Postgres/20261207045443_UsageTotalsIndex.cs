using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Preau.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UsageTotalsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_usage_aggregates_totals",
                table: "usage_aggregates",
                columns: new[] { "Level", "Period", "Service", "PeriodStart", "ScopeId", "Events" },
                filter: "\"Profile\" = -1 AND \"Hour\" = -1 AND \"Action\" = ''");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_usage_aggregates_totals",
                table: "usage_aggregates");
        }
    }
}
