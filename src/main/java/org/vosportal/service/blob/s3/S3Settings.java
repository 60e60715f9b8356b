package org.vosportal.service.blob.s3;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * How to reach the bucket ({@code vospace.service.blob.s3.*}), and the SDK clients made from it.
 *
 * @param endpoint       the S3 API's URL; empty for AWS's own
 * @param publicEndpoint the URL presigned downloads name, when clients reach S3 by another one
 */
public record S3Settings(Optional<String> endpoint, Optional<String> publicEndpoint, String region, String bucket,
        String prefix, Optional<String> accessKey, Optional<String> secretKey, boolean pathStyle,
        boolean presignedDownloads, long partSize, boolean createBucket) {

    /** Connects (and creates the bucket if asked to); puts spool under {@code spool}. */
    public S3BlobStore connect(Path spool) throws java.io.IOException {
        AwsCredentialsProvider credentials = accessKey.isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey.get(), secretKey.orElse("")))
                : DefaultCredentialsProvider.builder().build();
        var client = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .forcePathStyle(pathStyle)
                // checksums only where S3 requires them: the MD5 of every put is computed here
                // anyway, and not every S3-compatible server takes the SDK's streamed CRC trailers
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(128));
        endpoint.filter(s -> !s.isBlank()).ifPresent(e -> client.endpointOverride(URI.create(e)));
        S3Presigner.Builder presigner = S3Presigner.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build());
        publicEndpoint.or(() -> endpoint).filter(s -> !s.isBlank())
                .ifPresent(e -> presigner.endpointOverride(URI.create(e)));
        S3BlobStore store = new S3BlobStore(client.build(), presigner.build(), bucket, prefix, spool, partSize,
                presignedDownloads);
        if (createBucket) {
            store.createBucketIfMissing();
        }
        return store;
    }
}
