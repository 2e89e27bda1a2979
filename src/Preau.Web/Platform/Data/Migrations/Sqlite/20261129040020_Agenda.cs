using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Preau.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Agenda : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "agenda_calendars",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agenda_calendars", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "agenda_holidays",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Zone = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FirstDay = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LastDay = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agenda_holidays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "agenda_settings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Zone = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    HolidaysUpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agenda_settings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "agenda_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgendaId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AllDay = table.Column<bool>(type: "INTEGER", nullable: false),
                    StartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RepeatUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ImportUid = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agenda_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_agenda_events_agenda_calendars_AgendaId",
                        column: x => x.AgendaId,
                        principalTable: "agenda_calendars",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "agenda_feed_tokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgendaId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agenda_feed_tokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_agenda_feed_tokens_agenda_calendars_AgendaId",
                        column: x => x.AgendaId,
                        principalTable: "agenda_calendars",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_agenda_calendars_Kind_OwnerId",
                table: "agenda_calendars",
                columns: new[] { "Kind", "OwnerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_agenda_calendars_OwnerId",
                table: "agenda_calendars",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_agenda_events_AgendaId_ImportUid",
                table: "agenda_events",
                columns: new[] { "AgendaId", "ImportUid" });

            migrationBuilder.CreateIndex(
                name: "IX_agenda_events_AgendaId_StartsAt",
                table: "agenda_events",
                columns: new[] { "AgendaId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_agenda_feed_tokens_AgendaId",
                table: "agenda_feed_tokens",
                column: "AgendaId");

            migrationBuilder.CreateIndex(
                name: "IX_agenda_feed_tokens_PersonId_AgendaId",
                table: "agenda_feed_tokens",
                columns: new[] { "PersonId", "AgendaId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_agenda_feed_tokens_TokenHash",
                table: "agenda_feed_tokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_agenda_holidays_Zone_FirstDay",
                table: "agenda_holidays",
                columns: new[] { "Zone", "FirstDay" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agenda_events");

            migrationBuilder.DropTable(
                name: "agenda_feed_tokens");

            migrationBuilder.DropTable(
                name: "agenda_holidays");

            migrationBuilder.DropTable(
                name: "agenda_settings");

            migrationBuilder.DropTable(
                name: "agenda_calendars");
        }
    }
}
