namespace Monolith.Modules.Embeddings.LocalModel;

/// <summary>The model's pooling head (sentence-transformers Pooling + Normalize): mean over real tokens, then unit length.</summary>
internal static class MeanPooling
{
    /// <param name="tokenStates">Hidden states of one sequence, [positions × dimensions].</param>
    /// <param name="tokens">Real (unpadded) tokens; padding only ever follows them, so the mask is a prefix.</param>
    /// <param name="dimensions">Width of one hidden state.</param>
    public static float[] PoolAndNormalize(ReadOnlySpan<float> tokenStates, int tokens, int dimensions)
    {
        var sum = new float[dimensions];
        for (var t = 0; t < tokens; t++)
        {
            var state = tokenStates.Slice(t * dimensions, dimensions);
            for (var d = 0; d < dimensions; d++)
            {
                sum[d] += state[d];
            }
        }

        // Dividing by the token count before normalising changes nothing, so normalise the sum directly.
        var squares = 0.0;
        foreach (var value in sum)
        {
            squares += value * value;
        }

        var scale = (float)(1.0 / Math.Max(Math.Sqrt(squares), 1e-12));
        for (var d = 0; d < dimensions; d++)
        {
            sum[d] *= scale;
        }

        return sum;
    }
}
