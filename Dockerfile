FROM python:3.11-slim
WORKDIR /srv/innograph
COPY pyproject.toml README.md ./
COPY extract ./extract
COPY graph ./graph
COPY app ./app
COPY data ./data
RUN pip install --no-cache-dir -e .
EXPOSE 8501
CMD ["innograph", "app", "--address", "0.0.0.0", "--port", "8501"]
