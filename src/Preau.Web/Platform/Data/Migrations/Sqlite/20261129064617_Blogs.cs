using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Preau.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Blogs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "blogs_article_pupils",
                columns: table => new
                {
                    ArticleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PupilId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_blogs_article_pupils", x => new { x.ArticleId, x.PupilId });
                });

            migrationBuilder.CreateTable(
                name: "blogs_articles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BlogId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewComment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ReviewedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    CategoryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PublishAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_blogs_articles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "blogs_blogs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ScopeType = table.Column<int>(type: "INTEGER", nullable: false),
                    ScopeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    Moderation = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_blogs_blogs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "blogs_categories",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BlogId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_blogs_categories", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "blogs_comments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ArticleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_blogs_comments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "blogs_pages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BlogId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_blogs_pages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "blogs_school_sheets",
                columns: table => new
                {
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Hours = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DirectorMessage = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    TownHallInfo = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_blogs_school_sheets", x => x.SchoolId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_blogs_article_pupils_PupilId",
                table: "blogs_article_pupils",
                column: "PupilId");

            migrationBuilder.CreateIndex(
                name: "IX_blogs_articles_AuthorId",
                table: "blogs_articles",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_blogs_articles_BlogId_Slug",
                table: "blogs_articles",
                columns: new[] { "BlogId", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_blogs_articles_BlogId_Status_PublishAt",
                table: "blogs_articles",
                columns: new[] { "BlogId", "Status", "PublishAt" });

            migrationBuilder.CreateIndex(
                name: "IX_blogs_blogs_ScopeType_ScopeId",
                table: "blogs_blogs",
                columns: new[] { "ScopeType", "ScopeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_blogs_blogs_Slug",
                table: "blogs_blogs",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_blogs_blogs_Visibility",
                table: "blogs_blogs",
                column: "Visibility");

            migrationBuilder.CreateIndex(
                name: "IX_blogs_categories_BlogId",
                table: "blogs_categories",
                column: "BlogId");

            migrationBuilder.CreateIndex(
                name: "IX_blogs_comments_ArticleId_Status_CreatedAt",
                table: "blogs_comments",
                columns: new[] { "ArticleId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_blogs_pages_BlogId_Slug",
                table: "blogs_pages",
                columns: new[] { "BlogId", "Slug" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "blogs_article_pupils");

            migrationBuilder.DropTable(
                name: "blogs_articles");

            migrationBuilder.DropTable(
                name: "blogs_blogs");

            migrationBuilder.DropTable(
                name: "blogs_categories");

            migrationBuilder.DropTable(
                name: "blogs_comments");

            migrationBuilder.DropTable(
                name: "blogs_pages");

            migrationBuilder.DropTable(
                name: "blogs_school_sheets");
        }
    }
}
