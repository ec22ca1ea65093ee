# briefwright serve in a container: docker build -t briefwright . &&
#   docker run --rm -p 8000:8000 -e BRIEFWRIGHT_TOKEN=$(openssl rand -hex 24) briefwright
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN useradd --create-home --uid 10001 briefwright
WORKDIR /app
COPY pyproject.toml README.md ./
COPY src ./src
RUN pip install '.[serve]'

# Templates of your own: mount them and add --templates /templates to the command.
USER briefwright
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
# Listening beyond the container's loopback needs the token (BRIEFWRIGHT_TOKEN).
CMD ["briefwright", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
