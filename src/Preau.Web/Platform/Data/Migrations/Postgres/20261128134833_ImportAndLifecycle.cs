using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Preau.Web.Platform.Data.Migrations.Postgres
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
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "DeleteOn",
                table: "people_persons",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LeftOn",
                table: "people_persons",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "people_persons",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Sex",
                table: "people_persons",
                type: "character varying(1)",
                maxLength: 1,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Source",
                table: "people_persons",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "UsageName",
                table: "people_persons",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Source",
                table: "people_memberships",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Source",
                table: "people_guardian_links",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "import_batches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: true),
                    AppliedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReportJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_import_batches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "platform_audit_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: true),
                    Action = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    TargetType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    TargetId = table.Column<Guid>(type: "uuid", nullable: true),
                    Details = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
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
