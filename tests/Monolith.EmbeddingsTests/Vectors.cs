namespace Monolith.EmbeddingsTests;

internal static class Vectors
{
    public static double Cosine(float[] a, float[] b)
    {
        double dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }

        return dot / Math.Sqrt(normA * normB);
    }

    public static double Norm(float[] a) => Math.Sqrt(a.Sum(x => (double)x * x));
}
