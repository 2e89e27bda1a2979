using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Preau.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AgendaRepeatsAndCommentFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CommentId",
                table: "townhall_photos",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExceptDays",
                table: "agenda_events",
                type: "TEXT",
                maxLength: 1650,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RepeatUnit",
                table: "agenda_events",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CommentId",
                table: "townhall_photos");

            migrationBuilder.DropColumn(
                name: "ExceptDays",
                table: "agenda_events");

            migrationBuilder.DropColumn(
                name: "RepeatUnit",
                table: "agenda_events");
        }
    }
}
