using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Preau.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AgendaDetachedDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "SeriesDay",
                table: "agenda_events",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SeriesId",
                table: "agenda_events",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_agenda_events_SeriesId",
                table: "agenda_events",
                column: "SeriesId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_agenda_events_SeriesId",
                table: "agenda_events");

            migrationBuilder.DropColumn(
                name: "SeriesDay",
                table: "agenda_events");

            migrationBuilder.DropColumn(
                name: "SeriesId",
                table: "agenda_events");
        }
    }
}
