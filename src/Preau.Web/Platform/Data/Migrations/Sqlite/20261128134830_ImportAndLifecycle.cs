using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Preau.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ImportAndLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AssociationsAllowed",
                table: "people_persons",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "DeleteOn",
                table: "people_persons",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LeftOn",
                table: "people_persons",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "people_persons",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Sex",
                table: "people_persons",
                type: "TEXT",
                maxLength: 1,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Source",
                table: "people_persons",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "UsageName",
                table: "people_persons",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Source",
                table: "people_memberships",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Source",
                table: "people_guardian_links",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "import_batches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AppliedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReportJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_import_batches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "platform_audit_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    TargetType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    TargetId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Details = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_audit_events", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_people_persons_DeleteOn",
                table: "people_persons",
                column: "DeleteOn");

            migrationBuilder.CreateIndex(
                name: "IX_import_batches_SchoolId_AppliedAt",
                table: "import_batches",
                columns: new[] { "SchoolId", "AppliedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_platform_audit_events_At",
                table: "platform_audit_events",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_platform_audit_events_TargetType_TargetId",
                table: "platform_audit_events",
                columns: new[] { "TargetType", "TargetId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "import_batches");

            migrationBuilder.DropTable(
                name: "platform_audit_events");

            migrationBuilder.DropIndex(
                name: "IX_people_persons_DeleteOn",
                table: "people_persons");

            migrationBuilder.DropColumn(
                name: "AssociationsAllowed",
                table: "people_persons");

            migrationBuilder.DropColumn(
                name: "DeleteOn",
                table: "people_persons");

            migrationBuilder.DropColumn(
                name: "LeftOn",
                table: "people_persons");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "people_persons");

            migrationBuilder.DropColumn(
                name: "Sex",
                table: "people_persons");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "people_persons");

            migrationBuilder.DropColumn(
                name: "UsageName",
                table: "people_persons");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "people_memberships");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "people_guardian_links");
        }
    }
}
