using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Monolith.Modules.Embeddings.Data.Migrations
{
    /// <inheritdoc />
    public partial class CacheAndUsage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "embeddings");

            migrationBuilder.CreateTable(
                name: "cache",
                schema: "embeddings",
                columns: table => new
                {
                    model_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    text_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    vector = table.Column<byte[]>(type: "bytea", nullable: false),
                    token_count = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cache", x => new { x.model_key, x.text_hash });
                });

            migrationBuilder.CreateTable(
                name: "usage",
                schema: "embeddings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    model = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    inputs = table.Column<int>(type: "integer", nullable: false),
                    tokens = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_usage", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_usage_user_id",
                schema: "embeddings",
                table: "usage",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cache",
                schema: "embeddings");

            migrationBuilder.DropTable(
                name: "usage",
                schema: "embeddings");
        }
    }
}
