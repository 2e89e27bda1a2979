using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Preau.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WiringNewsAnnouncements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "AnnounceCursor",
                table: "news_items",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "AnnouncePending",
                table: "news_items",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "AnnouncedAt",
                table: "news_items",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_news_items_AnnouncePending_PublishAt",
                table: "news_items",
                columns: new[] { "AnnouncePending", "PublishAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_news_items_AnnouncePending_PublishAt",
                table: "news_items");

            migrationBuilder.DropColumn(
                name: "AnnounceCursor",
                table: "news_items");

            migrationBuilder.DropColumn(
                name: "AnnouncePending",
                table: "news_items");

            migrationBuilder.DropColumn(
                name: "AnnouncedAt",
                table: "news_items");
        }
    }
}
