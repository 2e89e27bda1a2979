using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Preau.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NewSinceLastVisitIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_homework_entries_ClassId_CreatedAt",
                table: "homework_entries",
                columns: new[] { "ClassId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_blogs_blogs_ScopeId",
                table: "blogs_blogs",
                column: "ScopeId");

            migrationBuilder.CreateIndex(
                name: "IX_albums_photos_AlbumId_CreatedAt",
                table: "albums_photos",
                columns: new[] { "AlbumId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_albums_albums_ScopeId",
                table: "albums_albums",
                column: "ScopeId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_homework_entries_ClassId_CreatedAt",
                table: "homework_entries");

            migrationBuilder.DropIndex(
                name: "IX_blogs_blogs_ScopeId",
                table: "blogs_blogs");

            migrationBuilder.DropIndex(
                name: "IX_albums_photos_AlbumId_CreatedAt",
                table: "albums_photos");

            migrationBuilder.DropIndex(
                name: "IX_albums_albums_ScopeId",
                table: "albums_albums");
        }
    }
}
